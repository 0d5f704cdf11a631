namespace Fediversity.Tests.Configurator.Nix;

/// <summary>Finds the checkout the tests run from: the nearest folder up that holds Fediversity.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Fediversity.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds Fediversity.slnx; run the tests from a checkout.");
    }
}
