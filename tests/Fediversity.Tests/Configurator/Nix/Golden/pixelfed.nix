# The NixOS configuration of acme-pixelfed, which runs Pixelfed at photos.acme.example.
# Written by Fediversity for nixos-25.05; changes made here are lost at the next deployment.
{ config, pkgs, lib, ... }:
{
  imports = [ ./hardware-configuration.nix ];

  system.stateVersion = "25.05";
  networking.hostName = "acme-pixelfed";
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

  services.pixelfed = {
    enable = true;
    domain = "photos.acme.example";
    secretFile = "/var/lib/fediversity/secrets/pixelfed.env";
    redis.createLocally = true;
    database.createLocally = true;
    database.type = "mysql";
    nginx = {
      enableACME = true;
      forceSSL = true;
    };

    settings = {
      APP_NAME = "\"ACME Photos\"";
      OPEN_REGISTRATION = false;

      MAIL_DRIVER = "smtp";
      MAIL_HOST = "mail.provider.example";
      MAIL_PORT = 465;
      MAIL_ENCRYPTION = "ssl";
      MAIL_FROM_ADDRESS = "photos@acme.example";
      MAIL_FROM_NAME = "\"ACME Photos\"";
      MAIL_USERNAME = "acme-photos";

      # Media goes to S3, addressed path-style as Garage wants; keys are in the secret file.
      PF_ENABLE_CLOUD = true;
      FILESYSTEM_CLOUD = "s3";
      AWS_DEFAULT_REGION = "garage";
      AWS_BUCKET = "acme-pixelfed-media";
      AWS_URL = "https://media.provider.example/acme-pixelfed-media";
      AWS_ENDPOINT = "https://s3.provider.example";
      AWS_USE_PATH_STYLE_ENDPOINT = true;
    };
  };
}
