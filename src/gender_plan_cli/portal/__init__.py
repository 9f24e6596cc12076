"""The web portal: units submit their return through a page or an API (`gplan serve`).

A thin front end over the library face, as `cli/` is: Django for requests and the store,
`gender_plan_cli.api` for every reading and check, `render/` for the documents. Django is an
optional extra (`pip install "gplan[portal]"`); nothing outside this package imports it, and
its settings are configured only here (`conf.setup`).
"""
