using System.Text.Json;

namespace Fediversity.Bench.Harness;

/// <summary>How results are written and read back: camel case, indented.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
