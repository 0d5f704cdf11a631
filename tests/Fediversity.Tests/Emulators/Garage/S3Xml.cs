using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>S3's XML answers.</summary>
internal static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static IResult Document(XElement root, int status = 200) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "UTF-8", null), root).ToString(), "application/xml",
            statusCode: status);

    /// <summary>An S3 error; HEAD requests get the status alone, as S3 has no body for them.</summary>
    public static IResult Error(HttpContext context, int status, string code, string message) =>
        HttpMethods.IsHead(context.Request.Method)
            ? Results.StatusCode(status)
            : Document(
                new XElement("Error",
                    new XElement("Code", code),
                    new XElement("Message", message),
                    new XElement("Resource", context.Request.Path.Value)),
                status);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
