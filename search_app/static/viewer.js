// The PDF viewer: one page of an archived PDF drawn by PDF.js (a canvas, with the text
// layer over it), and the lesson's words highlighted on its page.

const box = document.getElementById("viewer-page-box");
const canvas = box.querySelector("canvas");
const textLayerBox = box.querySelector(".textLayer");
const status = document.getElementById("viewer-status");
const pageInput = document.getElementById("viewer-page");
const pagesLabel = document.getElementById("viewer-pages");
const prevButton = document.getElementById("viewer-prev");
const nextButton = document.getElementById("viewer-next");
const form = document.querySelector("form.viewer-bar");
const plainLink = document.getElementById("viewer-plain");
const lessonBox = document.getElementById("lesson-text");
const scroller = document.getElementById("viewer-scroll");
const zoomOut = document.getElementById("viewer-zoom-out");
const zoomIn = document.getElementById("viewer-zoom-in");
const fitButton = document.getElementById("viewer-fit");

const lessonText = lessonBox ? lessonBox.textContent : "";
const lessonPage = Number(box.dataset.lessonPage || box.dataset.page);
const MAX_WIDTH = 960; // CSS pixels: wider is no easier to read
// Zoom levels, as multiples of the page fitted to the width; 1 fits it.
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];
const MAX_CANVAS_PIXELS = 16_000_000; // past this, drawn at a lower pixel ratio
const HIGHLIGHT = "lesson-highlight";

// -- finding the lesson's words in the text layer ------------------------------------------

// Letters and digits only, lower case, ligatures and compatibility forms unfolded: the text
// layer and the stored lesson differ in spaces, line breaks, hyphenation and punctuation.
const KEPT = /[\p{L}\p{N}]/u;

function squash(text) {
  let out = "";
  for (const char of text.normalize("NFKC").toLowerCase()) {
    if (KEPT.test(char)) out += char;
  }
  return out;
}

// The page's squashed text, and for each of its characters the span it came from.
function pageText(spans) {
  let text = "";
  const owner = [];
  spans.forEach((span, index) => {
    for (const char of span.textContent.normalize("NFKC").toLowerCase()) {
      if (KEPT.test(char)) {
        text += char;
        owner.push(index);
      }
    }
  });
  return { text, owner };
}

const PROBE = 16; // characters of the lesson looked for again after a difference
const SKIP_LESSON = 40; // characters of the lesson that may be missing from the page
const SKIP_PAGE = 160; // ... and of the page that may be missing from the lesson

// Where the page, matched from `p` against the lesson from `l`, stops matching: small
// differences (a footnote mark, a word the extraction dropped) are stepped over.
function matchEnd(page, lesson, p, l) {
  let end = p;
  while (p < page.length && l < lesson.length) {
    if (page[p] === lesson[l]) {
      p += 1;
      l += 1;
      end = p;
      continue;
    }
    let resumed = false;
    for (let skip = 0; skip <= SKIP_LESSON && l + skip + PROBE <= lesson.length; skip += 1) {
      const at = page.indexOf(lesson.slice(l + skip, l + skip + PROBE), p);
      if (at >= 0 && at - p <= SKIP_PAGE) {
        p = at;
        l += skip;
        resumed = true;
        break;
      }
    }
    if (!resumed) break;
  }
  return end;
}

// The lesson's place in the page's text as [start, end), or null: a run of its first
// words (about twelve, fewer when twelve are not found, later ones when its first words
// are on the page before), grown forwards and backwards as far as the two agree.
function findLesson(page, lesson) {
  const words = lesson.split(/\s+/).filter((word) => squash(word));
  const whole = squash(lesson);
  for (const size of [12, 8, 5]) {
    for (let first = 0; first < Math.min(words.length, 48); first += Math.ceil(size / 2)) {
      const needle = squash(words.slice(first, first + size).join(" "));
      if (needle.length < 16) break;
      const at = page.indexOf(needle);
      if (at < 0) continue;
      let start = at;
      let l = squash(words.slice(0, first).join(" ")).length;
      while (start > 0 && l > 0 && page[start - 1] === whole[l - 1]) {
        start -= 1;
        l -= 1;
      }
      return [start, matchEnd(page, whole, start, l)];
    }
  }
  return null;
}

function highlightLesson(spans) {
  const { text, owner } = pageText(spans);
  const found = text ? findLesson(text, lessonText) : null;
  if (!found) return null;
  const [start, end] = found;
  const marked = spans.slice(owner[start], owner[end - 1] + 1);
  for (const span of marked) span.classList.add(HIGHLIGHT);
  return marked[0];
}

// -- drawing pages -------------------------------------------------------------------------

let pdfjsLib = null;
let pdf = null;
let current = Number(box.dataset.page) || 1;
let drawing = 0; // the latest drawing asked for; an older one stops when it sees another
let renderTask = null;
let textLayer = null;
let zoom = startingZoom();

function startingZoom() {
  const asked = Number(new URL(window.location.href).searchParams.get("zoom"));
  return ZOOMS.includes(asked) ? asked : 1;
}

function say(message) {
  status.textContent = message;
}

function showPage(number) {
  pageInput.value = String(number);
  prevButton.disabled = number <= 1;
  nextButton.disabled = pdf !== null && number >= pdf.numPages;
  plainLink.href = `${plainLink.href.split("#")[0]}#page=${number}`;
  const url = new URL(window.location.href);
  url.searchParams.set("page", String(number));
  if (zoom === 1) url.searchParams.delete("zoom");
  else url.searchParams.set("zoom", String(zoom));
  window.history.replaceState(null, "", url);
  const at = ZOOMS.indexOf(zoom);
  zoomOut.disabled = at <= 0;
  zoomIn.disabled = at >= ZOOMS.length - 1;
  fitButton.disabled = zoom === 1;
}

async function draw(number, { scroll }) {
  const mine = ++drawing;
  renderTask?.cancel();
  textLayer?.cancel();
  current = number;
  showPage(number);
  say(`Loading page ${number}...`);
  const page = await pdf.getPage(number);
  if (mine !== drawing) return;
  const width = Math.min(scroller.clientWidth, MAX_WIDTH) * zoom;
  const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
  const pixels = viewport.width * viewport.height;
  const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / pixels));
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  box.style.width = `${Math.floor(viewport.width)}px`;
  box.style.height = `${Math.floor(viewport.height)}px`;
  box.style.setProperty("--scale-factor", String(viewport.scale));
  renderTask = page.render({
    canvasContext: canvas.getContext("2d"),
    viewport,
    transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
  });
  textLayerBox.replaceChildren();
  textLayer = new pdfjsLib.TextLayer({
    textContentSource: page.streamTextContent(),
    container: textLayerBox,
    viewport,
  });
  try {
    await Promise.all([renderTask.promise, textLayer.render()]);
  } catch (error) {
    if (mine === drawing) throw error;
    return; // cancelled by a later drawing
  }
  if (mine !== drawing) return;
  let where = `Page ${number} of ${pdf.numPages}.`;
  if (zoom !== 1) where += ` Zoom ${Math.round(zoom * 100)}%.`;
  if (lessonText && number === lessonPage) {
    const first = highlightLesson(textLayer.textDivs);
    if (first) {
      where += " The lesson is highlighted.";
      if (scroll) first.scrollIntoView({ block: "center" });
    } else {
      where += " The lesson's words could not be found in this page's text (it may be a scanned image).";
    }
  }
  say(where);
}

function go(number) {
  if (!pdf) return;
  const page = Math.min(Math.max(1, Math.trunc(number) || 1), pdf.numPages);
  draw(page, { scroll: page === lessonPage }).catch(failed);
}

function failed(error) {
  say("The PDF could not be shown here: open the plain PDF instead.");
  console.error(error);
}

async function start() {
  pdfjsLib = await import(box.dataset.pdfjs);
  pdfjsLib.GlobalWorkerOptions.workerSrc = box.dataset.worker;
  pdf = await pdfjsLib.getDocument({
    url: box.dataset.pdf,
    isEvalSupported: false, // the site's policy allows no eval
    standardFontDataUrl: box.dataset.fonts,
    cMapUrl: box.dataset.cmaps,
    cMapPacked: true,
  }).promise;
  pageInput.max = String(pdf.numPages);
  if (pagesLabel) pagesLabel.textContent = `of ${pdf.numPages}`;
  await draw(Math.min(current, pdf.numPages), { scroll: true });
}

function zoomTo(level) {
  if (!pdf || level === zoom) return;
  zoom = level;
  draw(current, { scroll: current === lessonPage }).catch(failed);
}

zoomOut.addEventListener("click", () => zoomTo(ZOOMS[Math.max(0, ZOOMS.indexOf(zoom) - 1)]));
zoomIn.addEventListener("click", () =>
  zoomTo(ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(zoom) + 1)]),
);
fitButton.addEventListener("click", () => zoomTo(1));
prevButton.addEventListener("click", () => go(current - 1));
nextButton.addEventListener("click", () => go(current + 1));
form.addEventListener("submit", (event) => {
  event.preventDefault();
  go(Number(pageInput.value));
});

let lastWidth = scroller.clientWidth;
let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    const width = scroller.clientWidth;
    if (pdf && width !== lastWidth) {
      lastWidth = width;
      draw(current, { scroll: false }).catch(failed);
    }
  }, 200);
});

start().catch(failed);
