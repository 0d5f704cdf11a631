namespace Fediversity.Configurator.Nix;

/// <summary>The parts of an S3 endpoint the applications ask for separately.</summary>
/// <param name="EndpointUrl">The endpoint without a trailing slash, for example <c>https://s3.example</c>.</param>
/// <param name="Protocol"><c>https</c> or <c>http</c>.</param>
/// <param name="HostName">The host, with its port when it is not the protocol's own.</param>
/// <param name="PublicBaseUrl">Where visitors read objects, without a trailing slash.</param>
internal sealed record S3Location(string EndpointUrl, string Protocol, string HostName, string PublicBaseUrl)
{
    public static S3Location From(S3Spec media)
    {
        if (!Uri.TryCreate(media.Endpoint, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException(
                $"The S3 endpoint '{media.Endpoint}' is not an http or https URL; "
                + "set the object storage endpoint of the hosting environment to one.",
                nameof(media));
        }

        var endpointUrl = media.Endpoint.TrimEnd('/');
        var hostName = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Host + ":" + endpoint.Port;
        var publicBaseUrl = media.PublicBaseUrl?.TrimEnd('/') ?? endpointUrl + "/" + media.Bucket;

        return new S3Location(endpointUrl, endpoint.Scheme, hostName, publicBaseUrl);
    }

    /// <summary>The public base URL without its scheme, as Mastodon's <c>S3_ALIAS_HOST</c> wants it.</summary>
    public string PublicHostAndPath
    {
        get
        {
            var separator = PublicBaseUrl.IndexOf("://", StringComparison.Ordinal);
            return separator < 0 ? PublicBaseUrl : PublicBaseUrl[(separator + 3)..];
        }
    }
}
