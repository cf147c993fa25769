"""campaignkit's interface pieces: theme, figure assembly, HTML, the view base,
the slide deck, exports. Knows no feature."""
