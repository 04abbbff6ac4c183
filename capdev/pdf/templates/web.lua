-- Shape citeproc's output for Python-Markdown: no raw HTML, plain Markdown only.
-- Runs after --citeproc (filters run in command-line order).

local function emph_para(inlines)
  if #inlines == 0 then return nil end
  return pandoc.Para({pandoc.Emph(inlines)})
end

function Figure(fig)
  local blocks = {}
  for _, b in ipairs(fig.content) do
    if b.t == "Plain" then table.insert(blocks, pandoc.Para(b.content)) else table.insert(blocks, b) end
  end
  local caption = emph_para(pandoc.utils.blocks_to_inlines(fig.caption.long))
  if caption then table.insert(blocks, caption) end
  return blocks
end

function Table(tbl)
  local caption = emph_para(pandoc.utils.blocks_to_inlines(tbl.caption.long))
  tbl.caption = pandoc.Caption()
  if caption then return {caption, tbl} end
  return tbl
end

function Div(div)
  return div.content
end

function Span(span)
  return span.content
end
