namespace Fediversity.Sandbox.Services;

/// <summary>
/// Finds a record by its name by reading one small file that names the record's file, instead of reading
/// every record: a fleet's sandbox holds tens of thousands of machines, buckets and keys. An entry is written
/// before its record, so that a process killed in between leaves an entry without a record, never a record
/// that cannot be found (which the next create would make twice); entries are checked against their records
/// on every read, so a stale one is never believed. A folder made before the index existed is indexed once,
/// on first use.
/// </summary>
internal sealed class NameIndex<T>
    where T : class
{
    private readonly RecordFolder<T> records;
    private readonly Func<T, string> nameOf;
    private readonly Func<T, string> fileOf;
    private readonly RecordFolder<IndexEntry> entries;

    public NameIndex(RecordFolder<T> records, Func<T, string> nameOf, Func<T, string> fileOf)
    {
        this.records = records;
        this.nameOf = nameOf;
        this.fileOf = fileOf;
        var path = Path.Combine(records.Path, "by-name");
        var existed = Directory.Exists(path);
        entries = new RecordFolder<IndexEntry>(path);
        if (!existed)
        {
            foreach (var record in records.All())
            {
                Add(record);
            }
        }
    }

    public T? Find(string name)
    {
        if (!IsFileName(name))
        {
            return records.All().FirstOrDefault(r => nameOf(r) == name);
        }

        return entries.Read(name) is { } entry && records.Read(entry.File) is { } record && nameOf(record) == name
            ? record
            : null;
    }

    public void Add(T record)
    {
        if (IsFileName(nameOf(record)))
        {
            entries.Write(nameOf(record), new IndexEntry(fileOf(record)));
        }
    }

    public void Remove(T record)
    {
        if (IsFileName(nameOf(record)) && entries.Read(nameOf(record))?.File == fileOf(record))
        {
            entries.Delete(nameOf(record));
        }
    }

    private static bool IsFileName(string name) =>
        name.Length is > 0 and < 200 && !name.StartsWith('.') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private sealed record IndexEntry(string File);
}
