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

-- Tables: the typst writer gives every column the same share and no alignment (the
-- figure then centres every cell). Here each column gets an alignment from its cells and
-- a share of the full text width from its text, so no column is narrower than its
-- longest word (cells are not hyphenated: capdev.typ).

-- Lua patterns work on bytes: multi-byte signs are compared as whole strings
local SIGNS = {"-", "+", "−", "–", "~", "≈", "<", ">", "±"}
local CURRENCIES = {"$", "€", "£", "¥", "B/.", "US$"}
local SUFFIXES = {"%", "‰", "pp", "k", "m", "bn", "M", "B"}
local EMPTY = {[""] = true, ["-"] = true, ["–"] = true, ["—"] = true, ["n/a"] = true,
               ["n.d."] = true, ["…"] = true}

local function strip_prefix(t, list)
  for _, p in ipairs(list) do
    if t:sub(1, #p) == p then return (t:sub(#p + 1):gsub("^%s+", "")) end
  end
  return t
end

local function strip_suffix(t, list)
  for _, p in ipairs(list) do
    if #t > #p and t:sub(-#p) == p then return (t:sub(1, -#p - 1):gsub("%s+$", "")) end
  end
  return t
end

-- a number, percentage or amount: "12", "1,250.5", "-3 %", "USD 40", "B/. 2.50", "€5m"
local function is_number(text)
  local t = text:gsub("\u{a0}", " "):gsub("\u{202f}", " "):gsub("^%s+", ""):gsub("%s+$", "")
  t = t:gsub("^%u%u%u%s+", "")  -- an ISO currency code: USD 40
  t = strip_prefix(strip_prefix(strip_prefix(t, SIGNS), CURRENCIES), SIGNS)
  t = strip_suffix(t, SUFFIXES)
  t = t:gsub("%s*%u%u%u$", "")  -- 40 USD
  return t:match("^%d[%d., ]*$") ~= nil and t:match("%d$") ~= nil
end

local function is_empty(text)
  local t = text:gsub("^%s+", ""):gsub("%s+$", "")
  return EMPTY[t] == true
end

local function cell_text(cell)
  return pandoc.utils.stringify(cell.contents)
end

local function body_rows(tbl)
  local rows = {}
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do table.insert(rows, row) end
  end
  return rows
end

-- numeric: every non-empty body cell is a number (and there is at least one)
local function numeric_column(rows, col)
  local seen = false
  for _, row in ipairs(rows) do
    local cell = row.cells[col]
    local text = cell and cell_text(cell) or ""
    if not is_empty(text) then
      if not is_number(text) then return false end
      seen = true
    end
  end
  return seen
end

local CHARS_PER_LINE = 80  -- text width in table-size characters, insets deducted

local function column_widths(tbl, ncols)
  local all_rows = body_rows(tbl)
  for _, row in ipairs(tbl.head.rows) do table.insert(all_rows, row) end
  local min, extra, min_sum, extra_sum = {}, {}, 0, 0
  for col = 1, ncols do
    local longest_word, total, count = 1, 0, 0
    for _, row in ipairs(all_rows) do
      local cell = row.cells[col]
      if cell then
        local text = cell_text(cell)
        for word in text:gmatch("%S+") do
          longest_word = math.max(longest_word, utf8.len(word) or #word)
        end
        total, count = total + (utf8.len(text) or #text), count + 1
      end
    end
    min[col] = longest_word + 2  -- bold headers are wider
    extra[col] = math.max(0, (count > 0 and total / count or 0) - min[col])
    min_sum, extra_sum = min_sum + min[col], extra_sum + extra[col]
  end
  local spare = math.max(0, CHARS_PER_LINE - min_sum)
  local widths, sum = {}, 0
  for col = 1, ncols do
    local share = extra_sum > 0 and extra[col] / extra_sum or 1 / ncols
    widths[col] = min[col] + spare * share
    sum = sum + widths[col]
  end
  for col = 1, ncols do widths[col] = widths[col] / sum end
  return widths
end

local function layout_table(tbl)
  local ncols = #tbl.colspecs
  if ncols == 0 then return nil end
  local rows, widths = body_rows(tbl), column_widths(tbl, ncols)
  for col = 1, ncols do
    local align = numeric_column(rows, col) and pandoc.AlignRight or pandoc.AlignLeft
    tbl.colspecs[col] = {align, widths[col]}
  end
  return tbl
end

local function for_typst(prefix)
  return {
    Table = layout_table,
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
