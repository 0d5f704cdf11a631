# The NixOS configuration of acme-mastodon, which runs Mastodon at social.acme.example.
# Written by Fediversity for nixos-25.05; changes made here are lost at the next deployment.
{ config, pkgs, lib, ... }:
{
  imports = [ ./hardware-configuration.nix ];

  system.stateVersion = "25.05";
  networking.hostName = "acme-mastodon";
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

  services.mastodon = {
    enable = true;
    localDomain = "social.acme.example";
    configureNginx = true;
    streamingProcesses = 1;
    database.createLocally = true;
    redis.createLocally = true;

    smtp = {
      createLocally = false;
      host = "mail.provider.example";
      port = 587;
      fromAddress = "social@acme.example";
      authenticate = true;
      user = "acme-social";
      passwordFile = "/var/lib/fediversity/secrets/mastodon-smtp-password";
    };

    # Media goes to S3; its keys come from a secret file.
    extraConfig = {
      S3_ENABLED = "true";
      S3_BUCKET = "acme-mastodon-media";
      S3_ENDPOINT = "https://s3.provider.example";
      S3_HOSTNAME = "s3.provider.example";
      S3_REGION = "garage";
      S3_PROTOCOL = "https";
    };
    extraEnvFiles = [ "/var/lib/fediversity/secrets/mastodon-s3.env" ];
  };

  services.nginx.virtualHosts."social.acme.example" = {
    enableACME = true;
    forceSSL = true;
  };

  # Mastodon keeps its sign-up mode in the database: set it once the schema is there.
  systemd.services.fediversity-mastodon-registrations = {
    description = "Set Mastodon's sign-up mode";
    wantedBy = [ "mastodon.target" ];
    after = [
      "mastodon-init-db.service"
      "redis-mastodon.service"
    ];
    requires = [
      "mastodon-init-db.service"
      "redis-mastodon.service"
    ];
    serviceConfig.Type = "oneshot";
    serviceConfig.User = "mastodon";
    serviceConfig.Group = "mastodon";
    serviceConfig.ExecStart = "/run/current-system/sw/bin/mastodon-tootctl settings registrations open";
  };
}
