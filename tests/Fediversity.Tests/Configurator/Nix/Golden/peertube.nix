# The NixOS configuration of acme-peertube, which runs Peertube at video.acme.example.
# Written by Fediversity for nixos-25.05; changes made here are lost at the next deployment.
{ config, pkgs, lib, ... }:
{
  imports = [ ./hardware-configuration.nix ];

  system.stateVersion = "25.05";
  networking.hostName = "acme-peertube";
  services.qemuGuest.enable = true;

  # Only the deploy key signs in, and only with the key.
  services.openssh = {
    enable = true;
    openFirewall = true;
    authorizedKeysInHomedir = false;
    settings.PasswordAuthentication = false;
    settings.KbdInteractiveAuthentication = false;
    settings.PermitRootLogin = "prohibit-password";
  };
  users.users.root.openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc0bnRyZWFsa2V5Zm9ydGVzdHNvbmx5MDAwMDAwMDA fediversity-deploy" ];

  # Only SSH and the web are reachable from outside.
  networking.firewall.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 80 443 ];

  services.timesyncd.enable = true;
  nix.gc = {
    automatic = true;
    dates = "weekly";
    options = "--delete-older-than 30d";
  };

  security.acme = {
    acceptTerms = true;
    defaults.email = "hostmaster@provider.example";
  };

  services.nginx = {
    enable = true;
    recommendedTlsSettings = true;
    recommendedOptimisation = true;
    recommendedGzipSettings = true;
  };

  systemd.tmpfiles.rules = [
    "d /var/lib/fediversity 0755 root root -"
    "d /var/lib/fediversity/secrets 0711 root root -"
  ];

  services.peertube = {
    enable = true;
    localDomain = "video.acme.example";
    listenWeb = 443;
    enableWebHttps = true;
    configureNginx = true;
    database.createLocally = true;
    redis.createLocally = true;
    secrets.secretsFile = "/var/lib/fediversity/secrets/peertube-secret";

    # The first start creates the root account with this password; S3 keys come along.
    serviceEnvironmentFile = "/var/lib/fediversity/secrets/peertube.env";
    smtp.createLocally = false;

    settings = {
      admin.email = "admin@acme.example";
      instance.name = "ACME Video";
      signup.enabled = false;
      signup.requires_approval = true;

      smtp = {
        transport = "smtp";
        hostname = "relay.provider.internal";
        port = 25;
        username = null;
        tls = false;
        disable_starttls = false;
        from_address = "video@acme.example";
      };

      object_storage = {
        enabled = true;
        endpoint = "http://garage.provider.internal:3900";
        region = "garage";
        force_path_style = true;
        upload_acl.public = null;
        upload_acl.private = null;
        streaming_playlists = {
          bucket_name = "acme-peertube-media";
          prefix = "streaming-playlists/";
          base_url = "https://media.provider.example/acme-peertube-media";
        };
        web_videos = {
          bucket_name = "acme-peertube-media";
          prefix = "web-videos/";
          base_url = "https://media.provider.example/acme-peertube-media";
        };
        user_exports = {
          bucket_name = "acme-peertube-media";
          prefix = "user-exports/";
          base_url = "https://media.provider.example/acme-peertube-media";
        };
        original_video_files = {
          bucket_name = "acme-peertube-media";
          prefix = "original-video-files/";
          base_url = "https://media.provider.example/acme-peertube-media";
        };
      };
    };
  };

  # PeerTube's module leaves TLS of its virtual host to us.
  services.nginx.virtualHosts."video.acme.example" = {
    enableACME = true;
    forceSSL = true;
  };
}
