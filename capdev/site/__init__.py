"""The bilingual site: staging the language trees and the thin MkDocs plugin."""
