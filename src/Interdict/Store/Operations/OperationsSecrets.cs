using System.Security.Cryptography;
using System.Text;

namespace Interdict.Store.Operations;

/// <summary>The secrets both backends hand out (API keys, session ids) and the one hash they store instead.</summary>
internal static class OperationsSecrets
{
    /// <summary>A new API key: "idk_" and 24 random bytes, base64url. Its first 8 characters are its shown prefix.</summary>
    public static string NewKey() => "idk_" + Base64Url(RandomNumberGenerator.GetBytes(24));

    /// <summary>A new session id: 32 random bytes, base64url.</summary>
    public static string NewSessionId() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The stored text of a job part.</summary>
    public static string Part(JobPart part) => part == JobPart.Input ? "input" : "output";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
