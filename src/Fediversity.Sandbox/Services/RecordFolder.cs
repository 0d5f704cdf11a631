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

    /// <summary>One gate per folder for the whole process, shared by every <see cref="RecordFolder{T}"/> of these
    /// records that opens it.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> Gates =
        new(StringComparer.Ordinal);

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

    /// <summary>
    /// Holds an exclusive lock over the folder while <paramref name="action"/> runs: first among this process's
    /// threads, which are woken as soon as it is free, then between processes through a lock file, which other
    /// processes poll.
    /// </summary>
    public TResult Locked<TResult>(Func<TResult> action)
    {
        lock (Gates.GetOrAdd(Path, _ => new object()))
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
                    Thread.Sleep(2);
                }
            }

            using (held)
            {
                return action();
            }
        }
    }

    private string FileOf(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal)
            || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot name a record.", nameof(name));
        }

        return System.IO.Path.Combine(Path, name + ".json");
    }
}
