"""The gunicorn worker class: uvicorn's, set for Luukku (see gunicorn_conf.py)."""

from uvicorn_worker import UvicornWorker


class Worker(UvicornWorker):
    CONFIG_KWARGS = {
        "loop": "auto",  # uvloop
        "http": "auto",  # httptools
        "ws": "auto",  # websockets, for the chat (Channels)
        "lifespan": "off",  # Django has no lifespan handler
        # The client's address is read by the application (LUUKKU_PROXY_COUNT, web/throttle.py), which
        # knows how many proxies of ours stand in front; uvicorn's own rewriting would do it twice.
        "proxy_headers": False,
        "server_header": False,
    }
