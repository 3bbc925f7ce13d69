"""Engines that run a plan (the seam of issue 14); on a merge, keep the seam's version of this file."""
