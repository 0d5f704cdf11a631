using System.Security.Cryptography;
using Fediversity.Resources;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Encrypts secrets for the state store with AES-256-GCM under a key kept in a file of its own,
/// readable by its owner only. Written here because the framework's Data Protection stack brings key
/// rings and ASP.NET hosting that a command-line tool with one key file does not need.
/// </summary>
public sealed class SecretProtector
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The last cipher this thread used, with its key: making one sets the key up each time, which cost
    /// more than the decryption itself when a plan reads thousands of secrets.</summary>
    [ThreadStatic]
    private static (byte[] Key, AesGcm Cipher)? threadCipher;

    private readonly byte[] key;

    private SecretProtector(byte[] key) => this.key = key;

    /// <summary>Reads the key file, making it with a fresh random key (mode 0600) when it is missing.</summary>
    public static SecretProtector FromKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(
                    folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // Written whole to a private file first, then linked into place, so that another process never
            // reads a key file that is still empty; the first process to link wins.
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length == 32
            ? new SecretProtector(bytes)
            : throw new InvalidOperationException(
                $"The state key file {path} is damaged (it must hold 32 bytes). Restore it from a backup; " +
                "without it the stored secrets cannot be read.");
    }

    /// <summary>
    /// A value derived from the key that tells whether two keys are the same without revealing either:
    /// the store records it, so that opening it with another key fails at once with a clear message.
    /// </summary>
    public string KeyCheck => Convert.ToBase64String(HMACSHA256.HashData(key, "fediversity state key check"u8));

    public string Protect(Secret secret)
    {
        var plain = System.Text.Encoding.UTF8.GetBytes(secret.Reveal());
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        Cipher().Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length));
        return Prefix + Convert.ToBase64String(output);
    }

    public Secret Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A stored secret is in an unknown format.");
        }

        var input = Convert.FromBase64String(protectedValue[Prefix.Length..]);
        var length = input.Length - NonceSize - TagSize;
        var plain = new byte[length];

        Cipher().Decrypt(
            input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plain);
        return new Secret(System.Text.Encoding.UTF8.GetString(plain));
    }

    /// <summary>This thread's cipher for this key; used only inside one synchronous call at a time.</summary>
    private AesGcm Cipher()
    {
        if (threadCipher is { } known && ReferenceEquals(known.Key, key))
        {
            return known.Cipher;
        }

        var cipher = new AesGcm(key, TagSize);
        threadCipher?.Cipher.Dispose();
        threadCipher = (key, cipher);
        return cipher;
    }
}
