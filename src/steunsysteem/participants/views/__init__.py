"""Pages about participants, one module per concern: ``records`` (details, consent, who
looked, emergency access) and ``rights`` (download everything, erasure)."""
