using System.Text.Json;

namespace Fediversity.Sandbox.Services;

/// <summary>
/// A folder of JSON records, one file each, written atomically (a temporary file, then a rename), so
/// that a killed process never leaves half a record and several processes can share the folder.
/// </summary>
internal sealed class RecordFolder<T>(string path)
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path { get; } = Directory.CreateDirectory(path).FullName;

    public T? Read(string name)
    {
        var file = FileOf(name);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(string name, T record)
    {
        var file = FileOf(name);
        var temporary = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, file, overwrite: true);
    }

    public bool Delete(string name)
    {
        var file = FileOf(name);
        if (!File.Exists(file))
        {
            return false;
        }

        File.Delete(file);
        return true;
    }

    public IEnumerable<T> All() => Directory.EnumerateFiles(Path, "*.json")
        .Order(StringComparer.Ordinal)
        .Select(f => Read(System.IO.Path.GetFileNameWithoutExtension(f)))
        .OfType<T>();

    /// <summary>Holds an exclusive lock over the folder between processes while <paramref name="action"/> runs.</summary>
    public TResult Locked<TResult>(Func<TResult> action)
    {
        var lockFile = System.IO.Path.Combine(Path, ".lock");
        FileStream held;
        while (true)
        {
            try
            {
                held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException)
            {
                Thread.Sleep(10);
            }
        }

        using (held)
        {
            return action();
        }
    }

    private string FileOf(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot name a record.", nameof(name));
        }

        return System.IO.Path.Combine(Path, name + ".json");
    }
}
