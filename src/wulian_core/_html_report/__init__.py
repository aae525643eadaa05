"""The quarterly report's HTML: the page, its charts and its stylesheet (behind ``html_report``)."""
