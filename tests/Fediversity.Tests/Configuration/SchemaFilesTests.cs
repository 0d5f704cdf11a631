using Fediversity.Configuration.Schema;

namespace Fediversity.Tests.Configuration;

public sealed class SchemaFilesTests
{
    public static TheoryData<string> SchemaFiles =>
        [ConfigurationSchemas.OperatorFileName, ConfigurationSchemas.EnvironmentFileName];

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void CommittedSchema_MatchesGenerated(string fileName)
    {
        var generated = fileName == ConfigurationSchemas.OperatorFileName
            ? ConfigurationSchemas.OperatorText
            : ConfigurationSchemas.EnvironmentText;
        var path = RepositoryFiles.PathOf("schema", fileName);

        if (RepositoryFiles.UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"schema/{fileName} is missing. {RepositoryFiles.HowToUpdate}");
        Assert.True(
            File.ReadAllText(path) == generated,
            $"schema/{fileName} differs from what the models generate. {RepositoryFiles.HowToUpdate}");
    }
}
