using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>How each machine's NixOS configuration reaches it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SshAccess), "ssh")]
[JsonDerivedType(typeof(FolderAccess), "folder")]
public abstract record HostAccess;
