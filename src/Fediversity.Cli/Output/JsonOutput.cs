using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fediversity.Cli.Output;

/// <summary>How <c>--json</c> output is written: one compact object per line, camelCase, enums as words.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lock Gate = new();

    public static void WriteLine<T>(TextWriter writer, T value)
    {
        var line = JsonSerializer.Serialize(value, Options);
        lock (Gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
