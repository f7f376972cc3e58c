"""Tổng quan and Việc của tôi: the pages the director and the heads see first."""
