-- Write the typst body inside the pandoc run that reads the note and resolves its
-- citations, so a PDF costs one pandoc process instead of two. The result goes back to
-- Python in the metadata field `capdev-typst`; the AST itself is returned unchanged
-- (the web page and the DOCX are written from it).
-- Runs after --citeproc (filters run in command-line order).

local dir = pandoc.path.directory(PANDOC_SCRIPT_FILE)

local function read(name)
  local f = assert(io.open(pandoc.path.join({dir, name}), "r"))
  local text = f:read("a")
  f:close()
  return text
end

local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ") .. '"'
end

-- A note's sections are `##`: shift them to level 1 (and drop a `# Title` line, which
-- repeats the front matter). Citeproc's "References" heading is already at level 1.
local function shifter(shift)
  return {
    Header = function(h)
      if shift == 0 or h.identifier == "bibliography" then return nil end
      h.level = h.level + shift
      if h.level < 1 then return {} end
      return h
    end,
  }
end

local function for_typst(prefix)
  return {
    -- typst resolves "/x" against its root: a sandbox holding the figures at their project
    -- paths (typst_compile.compile_pdf)
    Image = function(img)
      if not img.src:match("^%a[%w+.-]*:") and img.src:sub(1, 1) ~= "/" then
        img.src = prefix .. img.src
      end
      return img
    end,
    -- citeproc already rendered the citation; the typst writer would emit @key
    Cite = function(cite)
      return pandoc.Span(cite.content)
    end,
    -- an untranslated passage, `[…]{lang=en}`: typst tags its language in the PDF
    -- (the writer itself drops a span's attributes)
    Span = function(span)
      local code = (span.attributes.lang or ""):match("^(%a%a%a?)%f[^%a]")
      if not code then return nil end
      local out = {pandoc.RawInline("typst", "#text(lang: " .. typst_string(code:lower())
                                        .. ", region: none)[")}
      for _, inline in ipairs(span.content) do table.insert(out, inline) end
      table.insert(out, pandoc.RawInline("typst", "]"))
      return out
    end,
    Div = function(div)
      if not div.classes:includes("admonition") then return nil end
      local kind = "note"
      for _, c in ipairs(div.classes) do
        if c ~= "admonition" then kind = c break end
      end
      local title = div.attributes.title or ""
      local blocks = {pandoc.RawBlock("typst", "#admonition(" .. typst_string(kind) .. ", "
                                        .. typst_string(title) .. ")[")}
      for _, b in ipairs(div.content) do table.insert(blocks, b) end
      table.insert(blocks, pandoc.RawBlock("typst", "]"))
      return blocks
    end,
  }
end

function Pandoc(doc)
  local prefix = pandoc.utils.stringify(doc.meta["capdev-prefix"] or "")
  local shift = tonumber(pandoc.utils.stringify(doc.meta["capdev-shift"] or "0")) or 0
  doc = doc:walk(shifter(shift))
  local copy = doc:walk(for_typst(prefix))
  local template = pandoc.template.compile(read("document.typst"))
  doc.meta["capdev-typst"] = pandoc.write(copy, "typst",
                                          {template = template, wrap_text = "wrap-none"})
  doc.meta["capdev-prefix"] = nil
  doc.meta["capdev-shift"] = nil
  return doc
end
