"""HTTP plumbing shared by every page: requests, templates, Vietnamese formatting, forms."""
