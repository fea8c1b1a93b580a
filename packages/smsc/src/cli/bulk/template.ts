/** A `{column}` template compiled against a header: fill(row) gives the text. */
export interface Template {
  /** The columns it uses. */
  columns: string[];
  fill(row: readonly string[]): string;
}

/** Thrown when a template names a column the CSV does not have. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

/**
 * Compiles `Hi {name}, your code is {code}` against the CSV header. `{{` and `}}` write literal braces. Column
 * names match exactly, else ignoring case and surrounding spaces. Every missing column is reported at once,
 * before anything is sent.
 */
export function compileTemplate(template: string, header: readonly string[]): Template {
  const pieces: Array<string | number> = [];
  const columns: string[] = [];
  const missing: string[] = [];
  let lit = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if ((c === "{" || c === "}") && template[i + 1] === c) {
      lit += c;
      i++;
      continue;
    }
    if (c === "}") throw new TemplateError(`template: unmatched "}" at ${i + 1} (write "}}" for a brace)`);
    if (c !== "{") {
      lit += c;
      continue;
    }
    const end = template.indexOf("}", i + 1);
    if (end < 0) throw new TemplateError(`template: unclosed "{" at ${i + 1} (write "{{" for a brace)`);
    const name = template.slice(i + 1, end);
    const index = columnIndex(header, name);
    if (index < 0) missing.push(name);
    else {
      if (lit) pieces.push(lit);
      lit = "";
      pieces.push(index);
      columns.push(header[index]!);
    }
    i = end;
  }
  if (missing.length)
    throw new TemplateError(
      `template uses column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `{${m}}`).join(", ")} that the CSV does not have (columns: ${header.join(", ")})`,
    );
  if (lit) pieces.push(lit);
  return {
    columns,
    fill: (row) => pieces.map((p) => (typeof p === "number" ? (row[p] ?? "") : p)).join(""),
  };
}

/** Index of a column by name: exact, else case-insensitive and trimmed; -1 when absent. */
export function columnIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const want = name.trim().toLowerCase();
  return header.findIndex((h) => h.trim().toLowerCase() === want);
}
