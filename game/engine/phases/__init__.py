"""The phases of one day, one module each (mixins of `base.DayBase`, joined in `resolve._Day`)."""
