"""Steunsysteem: software voor een regionaal maatschappelijk steunsysteem (MSS)."""
