"""Downloads one .torrent with libtorrent (Debian's python3-libtorrent), then seeds it for a while.

Usage: libtorrent_fetch.py TORRENT OUT_DIR SEED_SECONDS
Prints one line per event, "<ms since start> <event> [detail]": first-piece, complete, announce <peers>, error ...
Only loopback: listens on 127.0.0.1, no DHT, LSD, UPnP or NAT-PMP, so it finds peers through the tracker alone.
"""
import sys
import time

import libtorrent as lt

torrent, out_dir, seed_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
start = time.monotonic()


def say(event, detail=""):
    print(f"{int((time.monotonic() - start) * 1000)} {event} {detail}".rstrip(), flush=True)


session = lt.session({
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    "allow_multiple_connections_per_ip": True,
    "alert_mask": lt.alert.category_t.status_notification | lt.alert.category_t.tracker_notification
                  | lt.alert.category_t.error_notification | lt.alert.category_t.piece_progress_notification,
})
handle = session.add_torrent({"ti": lt.torrent_info(torrent), "save_path": out_dir})
first_piece = complete = False
deadline = None
while deadline is None or time.monotonic() < deadline:
    if time.monotonic() - start > 120 and not complete:
        say("error", "not complete after 120 s")
        sys.exit(1)
    session.wait_for_alert(200)
    for alert in session.pop_alerts():
        if isinstance(alert, lt.piece_finished_alert) and not first_piece:
            first_piece = True
            say("first-piece")
        elif isinstance(alert, lt.torrent_finished_alert) and not complete:
            complete = True
            deadline = time.monotonic() + seed_seconds
            say("complete")
        elif isinstance(alert, lt.tracker_reply_alert):
            say("announce", str(alert.num_peers))
        elif isinstance(alert, (lt.tracker_error_alert, lt.torrent_error_alert)):
            say("error", alert.message())
say("done")
