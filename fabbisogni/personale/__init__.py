"""The staff: pension rules, the cost of a position, the projection of cessations, and the
preparation that costs every position and adds the roster's cessations before the limits."""
