// The API page: reads /api/v1/openapi.json and renders it. Every string of the document goes in as text (never as
// markup); `code` in backticks becomes a <code> element built here.

const DOC = "/api/v1/openapi.json";

/**
 * An element with attributes and children (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {Array<Node | string | null | undefined>} [children]
 */
function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** Text with `code` spans. @param {string} text */
function prose(text) {
  const out = document.createDocumentFragment();
  text.split(/(`[^`]+`)/).forEach((piece, i) => {
    out.append(i % 2 ? el("code", {}, [piece.slice(1, -1)]) : piece);
  });
  return out;
}

/** The component name of a `$ref`, or undefined. @param {any} schema */
const refName = (schema) =>
  typeof schema?.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : undefined;

/** A short type label: `Message`, `array of Incoming`, `string | null`, `integer (-3, -1, 0…)`. @param {any} s */
function typeLabel(s) {
  if (!s) return "any";
  const name = refName(s);
  if (name) return name;
  if (s.oneOf) return s.oneOf.map(typeLabel).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === "array") return `array of ${typeLabel(s.items)}`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (s.enum) return `${type}: ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (s.format) return `${type} (${s.format})`;
  return type;
}

/** A type label that links a component name to its section. @param {any} s */
function typeNode(s) {
  const name = refName(s) ?? (s?.type === "array" ? refName(s.items) : undefined);
  const label = typeLabel(s);
  if (!name) return el("span", { class: "type" }, [label]);
  const at = label.lastIndexOf(name);
  return el("span", { class: "type" }, [
    label.slice(0, at),
    el("a", { href: `#schema-${name}` }, [name]),
    label.slice(at + name.length),
  ]);
}

/** An object's properties as a nested list (inline objects open up; components are links). @param {any} s */
function schemaTree(s) {
  if (s?.type !== "object" || !s.properties) return null;
  const required = new Set(s.required ?? []);
  return el(
    "ul",
    { class: "schema" },
    Object.entries(s.properties).map(([name, p]) => {
      /** @type {any} */ const prop = p;
      const inner =
        prop.type === "array"
          ? prop.items
          : (prop.oneOf?.find((/** @type {any} */ x) => x.properties) ?? prop);
      return el("li", {}, [
        el("code", {}, [name]),
        " ",
        typeNode(prop),
        required.has(name) ? null : el("span", { class: "muted" }, [" optional"]),
        prop.description ? el("span", {}, [" — ", prose(prop.description)]) : null,
        refName(inner) ? null : schemaTree(inner),
      ]);
    }),
  );
}

/** A body: its type line, then its fields. @param {any} schema */
const body = (schema) => el("div", {}, [typeNode(schema), schemaTree(schema)]);

/** @param {string} method @param {string} path @param {any} op */
function operation(method, path, op) {
  const id = `op-${op.operationId}`;
  const params = op.parameters ?? [];
  const parts = [];
  if (op.description) parts.push(el("p", {}, [prose(op.description)]));
  if (params.length)
    parts.push(
      el("h3", {}, ["Parameters"]),
      el("table", {}, [
        el(
          "tr",
          {},
          ["Name", "In", "Type", "Meaning"].map((h) => el("th", {}, [h])),
        ),
        ...params.map((/** @type {any} */ p) =>
          el("tr", {}, [
            el("td", {}, [
              el("code", {}, [p.name]),
              p.required ? el("span", { class: "req" }, [" required"]) : null,
            ]),
            el("td", {}, [p.in]),
            el("td", {}, [typeNode(p.schema)]),
            el("td", {}, [prose(p.description ?? "")]),
          ]),
        ),
      ]),
    );
  const reqBody = op.requestBody?.content?.["application/json"]?.schema;
  if (reqBody) parts.push(el("h3", {}, ["Body (application/json)"]), body(reqBody));
  parts.push(
    el("h3", {}, ["Replies"]),
    el("table", {}, [
      el(
        "tr",
        {},
        ["Status", "Meaning", "Body"].map((h) => el("th", {}, [h])),
      ),
      ...Object.entries(op.responses).map(([status, r]) => {
        /** @type {any} */ const reply = r;
        const [type, media] = Object.entries(reply.content ?? {})[0] ?? [];
        return el("tr", {}, [
          el("td", {}, [status]),
          el("td", {}, [prose(reply.description)]),
          el(
            "td",
            {},
            type
              ? [typeNode(/** @type {any} */ (media).schema), el("span", { class: "muted" }, [` ${type}`])]
              : [],
          ),
        ]);
      }),
    ]),
  );
  return el("details", { class: "op", id }, [
    el("summary", {}, [
      el("span", { class: `method ${method}` }, [method]),
      el("span", { class: "path" }, [path]),
      el("span", {}, [op.summary ?? ""]),
    ]),
    el("div", { class: "op-body" }, parts),
  ]);
}

/** @param {any} doc */
function render(doc) {
  document.getElementById("title").textContent = doc.info.title;
  document
    .getElementById("summary")
    .replaceChildren(prose(doc.info.summary ?? ""), " ", prose(doc.info.description ?? ""));
  const main = document.getElementById("main");
  const toc = document.getElementById("toc");
  main.replaceChildren();
  toc.replaceChildren();
  for (const tag of doc.tags ?? []) {
    const ops = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(/** @type {any} */ (item)))
        if (op.tags?.includes(tag.name)) ops.push(operation(method, path, op));
    main.append(
      el("section", { class: "tag", id: `tag-${tag.name}` }, [
        el("h2", {}, [tag.name]),
        el("p", { class: "muted" }, [prose(tag.description ?? "")]),
        ...ops,
      ]),
    );
    toc.append(
      el("h2", {}, [el("a", { href: `#tag-${tag.name}` }, [tag.name])]),
      ...ops.map((o) =>
        el("a", { href: `#${o.id}` }, [
          o.querySelector(".method").textContent.toUpperCase(),
          " ",
          o.querySelector(".path").textContent,
        ]),
      ),
    );
  }
  const schemas = Object.entries(doc.components?.schemas ?? {});
  main.append(
    el("section", { class: "tag", id: "schemas" }, [
      el("h2", {}, ["Schemas"]),
      ...schemas.map(([name, s]) =>
        el("div", { id: `schema-${name}` }, [
          el("h3", {}, [name]),
          /** @type {any} */ (s).description
            ? el("p", { class: "muted" }, [prose(/** @type {any} */ (s).description)])
            : null,
          body(s),
        ]),
      ),
    ]),
  );
  toc.append(el("h2", {}, [el("a", { href: "#schemas" }, ["Schemas"])]));
  // a link to an operation opens it
  const open = () => {
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target instanceof HTMLDetailsElement) target.open = true;
  };
  addEventListener("hashchange", open);
  open();
}

fetch(DOC)
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${DOC}: HTTP ${r.status}`))))
  .then(render, (e) => {
    document.getElementById("status").textContent = `Could not load the document: ${e.message}`;
  });
