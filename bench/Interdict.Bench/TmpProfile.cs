using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Interdict.Sources;
using Interdict.Sources.Ofac;
using Interdict.Store;

namespace Interdict.Bench;

internal static class TmpProfile
{
    public static int Run(string file)
    {
        var bytes = File.ReadAllBytes(file);
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            var list = new OfacCsvParser().Parse([SourceInput.FromBytes("sdn.csv", bytes)], new ParseContext("ofac-sdn")).ToList();
            var parse = sw.Elapsed;
            sw.Restart();
            var buffer = new ArrayBufferWriter<byte>(4096);
            Utf8JsonWriter? w = null;
            long total = 0;
            foreach (var e in list)
            {
                EntityJson.Write(e, buffer, ref w);
                total += System.Security.Cryptography.SHA256.HashData(buffer.WrittenSpan)[0];
            }
            Console.WriteLine($"{list.Count} parse {parse.TotalMilliseconds:F0} ms, json+sha {sw.Elapsed.TotalMilliseconds:F0} ms {total}");
        }
        return 0;
    }
}
