// The case file's heavier tools, loaded only when used (#12): reading a backup file, and the
// summary as a Word file built with the letters' .docx builder (letter-text.js, zip.js).
import { APP, normaliseCase, normaliseChecklist, texts } from "./case.js";
import { escapeXml } from "./letter-text.js";
import { docxBlob } from "./zip.js";

// Every part of a backup file repaired, or null when the text is not one of ours. The checklist's
// own progress file ({ v: 1, type, ticked }) restores the checklist part alone.
export function readBackup(text, known) {
  let raw = null;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return null;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  if (raw.app !== APP) {
    return raw.v === 1 && Array.isArray(raw.ticked) ? { checklist: normaliseChecklist(raw, known) } : null;
  }
  const country = raw.report?.country;
  return {
    checklist: normaliseChecklist(raw.checklist, known),
    details: texts(raw.details),
    deadlines: texts(raw.deadlines),
    case: normaliseCase(raw.case, known),
    report: typeof country === "string" && /^[\w-]{1,64}$/.test(country) ? { country } : null,
  };
}

// The summary's lines as paragraphs (headings in bold) in a letter's package (styles, fonts),
// whose body it replaces; a Blob of the .docx.
export async function docx(text, headings, packageUrl) {
  const parts = await (await fetch(packageUrl)).json();
  const core = "docProps/core.xml";
  // A function, not a string: a string's $` $' $& would put parts of the file into the title.
  parts[core] = parts[core].replace(/<dc:title>[^<]*<\/dc:title>/, () => `<dc:title>${escapeXml(headings[0])}</dc:title>`);
  const bold = new Set(headings);
  const paragraph = (line) =>
    `<w:p><w:r>${bold.has(line) ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`;
  const body = text.split("\n").map(paragraph).join("");
  const xml = "word/document.xml";
  parts[xml] = parts[xml].replace(/<w:body>[\s\S]*?(<w:sectPr[\s\S]*<\/w:body>)/, (match, end) => `<w:body>${body}${end}`);
  return docxBlob(parts);
}
