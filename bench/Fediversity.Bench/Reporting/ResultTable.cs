using System.Globalization;

namespace Fediversity.Bench.Reporting;

/// <summary>Prints the figures as a plain table: each beside its target, and whether it meets it.</summary>
public static class ResultTable
{
    public static void Write(BenchReport report, TextWriter output)
    {
        string[] header = ["benchmark", "figure", "value", "target", "result", "note"];
        var rows = report.Figures.Select(f => new[]
        {
            f.Benchmark,
            f.Name,
            $"{Format(f.Value)} {f.Unit}".TrimEnd(),
            f.Target ?? "",
            f.Passed switch { true => "pass", false => "MISS", null => "" },
            f.Note ?? "",
        }).ToList();

        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

        output.WriteLine();
        output.WriteLine($"machine: {report.Machine}");
        output.WriteLine(Line(header));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        rows.ForEach(r => output.WriteLine(Line(r)));
        output.WriteLine();
    }

    private static string Format(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
