#!/bin/bash
# Runs inside the test's network namespace, in a mount namespace of its own: makes /etc and /var/lib
# private overlays, installs the stand-ins, and runs sshd in the foreground.
set -euo pipefail
dir=$1
hosts=$dir/hosts
m=$dir/machine

mkdir -p "$m/etc-upper" "$m/etc-work" "$m/var-upper" "$m/var-work" "$dir/records" "$dir/state"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$m/etc-upper,workdir=$m/etc-work" /etc
mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$m/var-upper,workdir=$m/var-work" /var/lib
mount -t tmpfs tmpfs /run
mkdir -p /run/sshd

cat > /etc/fediversity-test.env <<ENV
export PATH=$hosts/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export FEDI_TEST_RECORDS=$dir/records
export FEDI_TEST_STATE=$dir/state
export FEDI_TEST_HOSTS=$hosts
ENV
usermod -s "$hosts/login-shell" root
. /etc/fediversity-test.env
. "$hosts/lib.sh"

# What nixos-generate-config left when the machine was installed; the configuration imports it.
mkdir -p /etc/nixos
cat > /etc/nixos/hardware-configuration.nix <<'HARDWARE'
{ modulesPath, ... }:
{
  imports = [ (modulesPath + "/profiles/qemu-guest.nix") ];
  fileSystems."/" = { device = "/dev/vda1"; fsType = "ext4"; };
  boot.loader.grub.device = "/dev/vda";
}
HARDWARE

# The key the machine was installed with; as on NixOS, sshd reads root's keys from authorized_keys.d, which a
# switch rewrites from users.users.root.openssh.authorizedKeys.keys.
install -d -m 0755 /etc/ssh/authorized_keys.d
install -m 0444 "$dir/authorized_keys" /etc/ssh/authorized_keys.d/root

# Service users that exist before the first switch, as on a machine switched before.
while read -r user; do
    [ -z "$user" ] || ensure_user "$user"
done < <(cat "$dir/state/users" 2>/dev/null || true)

# Shaped like nixpkgs' wrapper: the package path unquoted, then bin/tootctl "$@".
cat > "$hosts/bin/mastodon-tootctl" <<WRAPPER
#!/bin/bash
set -a
export RAILS_ROOT="$hosts/mastodon"
sudo=exec
if [[ "\$USER" != mastodon ]]; then
  sudo='exec sudo -u mastodon --preserve-env'
fi
\$sudo $hosts/mastodon/bin/tootctl "\$@"
WRAPPER
chmod 755 "$hosts/bin/mastodon-tootctl"

exec /usr/sbin/sshd -D -e -f "$dir/sshd_config"
