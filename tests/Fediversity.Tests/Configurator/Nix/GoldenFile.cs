using Fediversity.Bench.Harness;

namespace Fediversity.Tests.Configurator.Nix;

/// <summary>Compares text with a file under Golden/, byte for byte. With FEDI_UPDATE_GOLDEN=1 it writes the
/// file instead, for a reviewer to read in the diff.</summary>
internal static class GoldenFile
{
    public static void Check(string fileName, string actual)
    {
        var path = Path.Combine(
            Repository.Root, "tests", "Fediversity.Tests", "Configurator", "Nix", "Golden", fileName);

        if (Environment.GetEnvironmentVariable("FEDI_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(
            File.Exists(path),
            $"The golden file {path} is missing; run the tests once with FEDI_UPDATE_GOLDEN=1 to write it.");

        var expected = File.ReadAllText(path);
        Assert.True(
            expected == actual,
            $"The rendering differs from {path}. If the change is intended, run the tests with "
            + $"FEDI_UPDATE_GOLDEN=1 and review the diff.\n{FirstDifference(expected, actual)}");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');

        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var want = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var got = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (want != got)
            {
                return $"Line {i + 1}:\n  expected: {want}\n  actual:   {got}";
            }
        }

        return "The texts differ only in their line ends.";
    }
}
