using Fediversity.Configuration.Operator;

namespace Fediversity.Configurator.Nix;

/// <summary>Everything the NixOS configuration of one application's machine is rendered from.</summary>
/// <param name="HostName">The machine's host name, for example <c>acme-mastodon</c>.</param>
/// <param name="Application">The application the machine runs.</param>
/// <param name="Domain">The application's full domain, for example <c>social.acme.example</c>.</param>
/// <param name="Registrations">Open or closed sign-up.</param>
/// <param name="AcmeContact">The e-mail address Let's Encrypt writes to about the certificate.</param>
/// <param name="DeployPublicKey">The deploy key as an OpenSSH public key line; the only key that may sign in.</param>
/// <param name="Smtp">The mail relay.</param>
/// <param name="Media">Where media goes.</param>
/// <param name="Admin">The first administrator.</param>
/// <param name="DisplayName">The name people read for the service, such as the operator's display name;
/// used where the application shows a site name. <see langword="null"/> leaves the application's default.</param>
public sealed record NixosHostSpec(
    string HostName,
    ApplicationName Application,
    string Domain,
    Registrations Registrations,
    string AcmeContact,
    string DeployPublicKey,
    SmtpSpec Smtp,
    S3Spec Media,
    AdminAccount Admin,
    string? DisplayName = null);
