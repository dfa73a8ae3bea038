namespace Interdict.App.Server;

/// <summary>A CSV sent to the API either as the first file of a multipart form (the UI's upload) or as the body itself.</summary>
internal static class CsvUpload
{
    public static async Task<Stream> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return request.Body;
        }

        var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var file = (form.Files.Count > 0 ? form.Files[0] : null) ?? throw new FormatException("the form has no file (send the CSV as a multipart file field)");
        return file.OpenReadStream();
    }
}
