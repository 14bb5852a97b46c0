// Loading layer. See DESIGN.md for what belongs here.
