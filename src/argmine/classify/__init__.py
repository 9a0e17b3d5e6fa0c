"""Labels for units: component (claim/premise/none), role, central claim, and stance
towards the thread's target proposition, rolled up per document and author."""
