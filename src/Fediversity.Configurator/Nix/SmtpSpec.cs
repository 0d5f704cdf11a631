namespace Fediversity.Configurator.Nix;

/// <summary>The mail relay as the application sees it.</summary>
/// <param name="Host">The relay's host name.</param>
/// <param name="Port">The relay's port. Port 465 means TLS from the first byte; any other port uses STARTTLS.</param>
/// <param name="FromAddress">The address the application's mail comes from.</param>
/// <param name="Username">The login name, or <see langword="null"/> when the relay takes mail without login.</param>
/// <param name="HasPassword">Whether the relay wants a password; it then reaches the machine in a secret file.</param>
public sealed record SmtpSpec(string Host, int Port, string FromAddress, string? Username, bool HasPassword);
