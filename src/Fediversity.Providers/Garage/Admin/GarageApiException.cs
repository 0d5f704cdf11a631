using System.Net;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>Garage's admin API answered with an error; the status and Garage's error code travel with it.</summary>
internal sealed class GarageApiException : ProviderException
{
    public GarageApiException(string message, HttpStatusCode status, string? code)
        : base(message)
    {
        Status = status;
        Code = code;
        IsTransient = (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }
}
