"""Who may open the page: beyond this machine only with a login or an explicit opt-in."""

from __future__ import annotations

import pytest

from ui.config import ConfigError, launch_config


def test_defaults_listen_on_this_machine_without_login() -> None:
    config = launch_config({})
    assert (config.host, config.port, config.login) == ("127.0.0.1", 7860, None)
    kwargs = config.launch_kwargs()
    assert kwargs["max_file_size"] == 200 * 1024 * 1024
    assert "auth" not in kwargs


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "shop.example.com"])
def test_an_open_host_without_login_refuses_to_start(host: str) -> None:
    with pytest.raises(ConfigError, match="without a login"):
        launch_config({"SEGMENT_HOST": host})


def test_an_open_host_with_login_passes_it_to_launch() -> None:
    config = launch_config({"SEGMENT_HOST": "0.0.0.0", "SEGMENT_USER": "ana",
                            "SEGMENT_PASSWORD": "s3cret", "SEGMENT_MAX_UPLOAD_MB": "50"})
    assert config.launch_kwargs()["auth"] == [("ana", "s3cret")]
    assert config.max_file_size == 50 * 1024 * 1024
    assert "s3cret" not in repr(config)


def test_an_explicit_opt_in_allows_an_open_host() -> None:
    assert launch_config({"SEGMENT_HOST": "0.0.0.0", "SEGMENT_ALLOW_OPEN": "1"}).login is None


@pytest.mark.parametrize("env, words", [
    ({"SEGMENT_USER": "ana"}, "SEGMENT_PASSWORD is not set"),
    ({"SEGMENT_PORT": "web"}, "not a port number"),
    ({"SEGMENT_MAX_UPLOAD_MB": "0"}, "greater than 0"),
])
def test_wrong_settings_say_how_to_fix_them(env: dict[str, str], words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        launch_config(env)
