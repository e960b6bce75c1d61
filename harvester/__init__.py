"""Write side: find case review documents, fetch them politely, keep them, understand them."""
