"""Reports and exports from the classroom store: call reports (Markdown, HTML, JSON) and xAPI statements."""
