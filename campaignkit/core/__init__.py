"""campaignkit's core: declarations, reading, loading, rules, units, ID numbers,
vocabularies, number formatting, problems, campaign config and folder,
references, people and masking. Knows no feature and no widget."""
