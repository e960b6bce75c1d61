from scr.cli import main

raise SystemExit(main())
