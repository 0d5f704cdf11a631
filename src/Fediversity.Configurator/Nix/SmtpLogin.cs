namespace Fediversity.Configurator.Nix;

/// <summary>Checks shared by the three applications' mail settings.</summary>
internal static class SmtpLogin
{
    /// <summary>The login name, which a relay that wants a password must have.</summary>
    public static string Require(SmtpSpec smtp) =>
        smtp.Username ?? throw new ArgumentException(
            $"The mail relay {smtp.Host} wants a password but has no user name; "
            + "set the relay's user name in the hosting environment.",
            nameof(smtp));

    /// <summary>Whether the relay speaks TLS from the first byte (port 465) rather than STARTTLS.</summary>
    public static bool ImplicitTls(SmtpSpec smtp) => smtp.Port == 465;
}
