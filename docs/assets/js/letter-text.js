// Pure letter logic (no DOM): fill a template, and fill a .docx's document.xml safely.
// fields: { "order-number": { label, kind } }; values: { "order-number": "8123..." }.

export const PLACEHOLDER = /\[([a-z0-9]+(?:-[a-z0-9]+)*)\]/g;

// A typed value as it should read in the letter: dates unambiguous ("4 March 2026").
export function shown(field, value, locale) {
  const text = String(value || "").trim();
  if (field.kind !== "date" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const options = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale, options).format(new Date(`${text}T00:00:00Z`));
}

// Split a template into text and placeholder pieces, so callers can render blanks their way.
export function pieces(template, fields, values, locale) {
  const out = [];
  let position = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const field = fields[match[1]];
    if (!field) continue;
    out.push({ text: template.slice(position, match.index) });
    const value = shown(field, values[match[1]], locale);
    out.push(value ? { value } : { blank: `[${field.label}]` });
    position = match.index + match[0].length;
  }
  out.push({ text: template.slice(position) });
  return out;
}

export function fillText(template, fields, values, locale) {
  return pieces(template, fields, values, locale)
    .map((piece) => piece.text ?? piece.value ?? piece.blank)
    .join("");
}

export function emptyFields(fields, values) {
  return Object.keys(fields).filter((id) => !String(values[id] || "").trim()).length;
}

// Characters XML 1.0 cannot hold (most control characters, lone surrogates) are dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text) {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

// Each placeholder sits alone in a run (<w:t>[order-number]</w:t>); put the value there,
// with line breaks as <w:br/>.
export function fillDocumentXml(xml, fields, values, locale) {
  return xml.replace(/<w:t(?: [^>]*)?>\[([a-z0-9]+(?:-[a-z0-9]+)*)\]<\/w:t>/g, (match, id) => {
    const field = fields[id];
    if (!field) return match;
    const value = shown(field, values[id], locale) || `[${field.label}]`;
    const lines = value.replace(/\r\n?/g, "\n").split("\n").map(escapeXml);
    return `<w:t xml:space="preserve">${lines.join('</w:t><w:br/><w:t xml:space="preserve">')}</w:t>`;
  });
}

// A letter's country slots (data/letters.yml `by_country`): [letter-subject] and [legal-basis] take
// the texts for the reader's country; with no paragraph, its line and the blank line after it go.
// Same rule as expand() in macros/letters.py.
const BASIS = "legal-basis";

export function expand(template, slots) {
  const body = slots[BASIS] ? template : template.replace(`\n[${BASIS}]\n\n`, "\n");
  return body.replace(PLACEHOLDER, (match, id) => (Object.hasOwn(slots, id) ? slots[id] : match));
}

// The same in a .docx's document.xml: a slot's run takes its text, each placeholder in it a <w:t>
// of its own (fillDocumentXml fills those next); an empty paragraph slot loses its paragraph.
export function expandDocumentXml(xml, slots) {
  let out = slots[BASIS] ? xml : xml.replace(`<w:p><w:r><w:t>[${BASIS}]</w:t></w:r></w:p><w:p/>`, "");
  for (const [id, text] of Object.entries(slots)) {
    const runs = text.split("\n").map((line) =>
      line
        .split(/(\[[a-z0-9]+(?:-[a-z0-9]+)*\])/)
        .filter(Boolean)
        .map((piece) => (piece.startsWith("[") ? `<w:t>${piece}</w:t>` : `<w:t xml:space="preserve">${escapeXml(piece)}</w:t>`))
        .join(""),
    );
    out = out.replace(`<w:t>[${id}]</w:t>`, runs.join("<w:br/>"));
  }
  return out;
}
