namespace LowLatency.Analytics.Astro;

/// <summary>A rectangular position or velocity (AU, AU/day) in a named frame; double precision throughout.</summary>
public readonly record struct Vector3(double X, double Y, double Z)
{
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public static Vector3 operator +(Vector3 a, Vector3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3 operator -(Vector3 a, Vector3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3 operator *(double k, Vector3 a) => new(k * a.X, k * a.Y, k * a.Z);

    /// <summary>The rectangular vector of spherical coordinates (radians, distance).</summary>
    public static Vector3 FromSpherical(double longitude, double latitude, double distance)
    {
        var (sl, cl) = Math.SinCos(longitude);
        var (sb, cb) = Math.SinCos(latitude);
        return new Vector3(distance * cb * cl, distance * cb * sl, distance * sb);
    }

    /// <summary>Rotates about the X axis by <paramref name="angle"/> radians (frame rotation, e.g. ecliptic → equator with −ε).</summary>
    public Vector3 RotateX(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new Vector3(X, (c * Y) + (s * Z), (-s * Y) + (c * Z));
    }

    /// <summary>Rotates about the Z axis by <paramref name="angle"/> radians (frame rotation).</summary>
    public Vector3 RotateZ(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new Vector3((c * X) + (s * Y), (-s * X) + (c * Y), Z);
    }

    /// <summary>Rotates about the Y axis by <paramref name="angle"/> radians (frame rotation).</summary>
    public Vector3 RotateY(double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new Vector3((c * X) - (s * Z), Y, (s * X) + (c * Z));
    }
}
