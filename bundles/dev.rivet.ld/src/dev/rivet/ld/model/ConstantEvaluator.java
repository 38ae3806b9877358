package dev.rivet.ld.model;

import dev.rivet.ld.linkerScript.Binary;
import dev.rivet.ld.linkerScript.Conditional;
import dev.rivet.ld.linkerScript.Expression;
import dev.rivet.ld.linkerScript.Function;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.NumberLiteral;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.linkerScript.RegionAlias;
import dev.rivet.ld.linkerScript.RegionFunction;
import dev.rivet.ld.linkerScript.SymbolReference;
import dev.rivet.ld.linkerScript.Unary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Folds linker-script expressions whose value is known before linking: numbers, operators,
 * {@code ORIGIN}/{@code LENGTH} of regions with constant bounds, and the pure functions
 * {@code ABSOLUTE}, {@code ALIGN(exp, align)}, {@code MAX}, {@code MIN}, {@code LOG2CEIL}. Anything
 * that depends on the link (symbols, {@code .}, {@code SIZEOF}, {@code ADDR}, ...) is unknown, unless
 * a symbol lookup is given (values from a built ELF). Arithmetic is 64-bit and wraps, like ld's.
 */
public final class ConstantEvaluator {

    /** Symbol values known from outside the script (a built ELF); empty means unknown. */
    public interface SymbolValues {
        /** The value of {@code symbol}, or empty. */
        OptionalLong valueOf(String symbol);
    }

    private final SymbolValues symbols;
    private final Set<Region> visiting = new HashSet<>();

    /** An evaluator that knows no symbols. */
    public ConstantEvaluator() {
        this(symbol -> OptionalLong.empty());
    }

    /** An evaluator that takes symbol values from {@code symbols}. */
    public ConstantEvaluator(SymbolValues symbols) {
        this.symbols = symbols;
    }

    /** The value of {@code e}, or empty if it is not known before linking (or is malformed). */
    public OptionalLong evaluate(Expression e) {
        try {
            return OptionalLong.of(eval(e));
        } catch (Unknown u) {
            return OptionalLong.empty();
        }
    }

    /** The region's ORIGIN, or empty if it is not constant. */
    public OptionalLong origin(Region region) {
        return evaluate(region, MemoryRegion::getOrigin);
    }

    /** The region's LENGTH, or empty if it is not constant. */
    public OptionalLong length(Region region) {
        return evaluate(region, MemoryRegion::getLength);
    }

    private OptionalLong evaluate(Region region, java.util.function.Function<MemoryRegion, Expression> part) {
        try {
            MemoryRegion m = resolve(region);
            if (!visiting.add(m)) {
                return OptionalLong.empty();
            }
            try {
                return evaluate(part.apply(m));
            } finally {
                visiting.remove(m);
            }
        } catch (Unknown u) {
            return OptionalLong.empty();
        }
    }

    private static MemoryRegion resolve(Region region) {
        return memoryRegion(region).orElseThrow(Unknown::new);
    }

    /** The MEMORY region {@code region} is or stands for (following REGION_ALIAS), if it resolves to one. */
    public static Optional<MemoryRegion> memoryRegion(Region region) {
        Region r = region;
        for (int hops = 0; r instanceof RegionAlias alias && hops < 16; hops++) {
            r = alias.getRegion();
        }
        return r instanceof MemoryRegion m && !m.eIsProxy() ? Optional.of(m) : Optional.empty();
    }

    private long eval(Expression e) {
        if (e == null) {
            throw new Unknown();
        }
        if (e instanceof NumberLiteral n) {
            try {
                return LdNumber.parse(n.getValue());
            } catch (NumberFormatException x) {
                throw new Unknown();
            }
        }
        if (e instanceof Unary u) {
            long v = eval(u.getOperand());
            return switch (u.getOperator()) {
                case "-" -> -v;
                case "!" -> v == 0 ? 1 : 0;
                case "~" -> ~v;
                default -> v;
            };
        }
        if (e instanceof Binary b) {
            return binary(b.getOperator(), eval(b.getLeft()), b);
        }
        if (e instanceof Conditional c) {
            return eval(c.getCondition()) != 0 ? eval(c.getWhenTrue()) : eval(c.getWhenFalse());
        }
        if (e instanceof RegionFunction f) {
            OptionalLong v = "ORIGIN".equals(f.getFunction()) ? origin(f.getRegion()) : length(f.getRegion());
            return v.orElseThrow(Unknown::new);
        }
        if (e instanceof SymbolReference s) {
            return symbols.valueOf(s.getSymbol()).orElseThrow(Unknown::new);
        }
        if (e instanceof Function f) {
            return function(f);
        }
        throw new Unknown();
    }

    private long binary(String op, long l, Binary b) {
        if ("&&".equals(op)) {
            return l != 0 && eval(b.getRight()) != 0 ? 1 : 0;
        }
        if ("||".equals(op)) {
            return l != 0 || eval(b.getRight()) != 0 ? 1 : 0;
        }
        long r = eval(b.getRight());
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> {
                if (r == 0) {
                    throw new Unknown();
                }
                yield Long.divideUnsigned(l, r);
            }
            case "%" -> {
                if (r == 0) {
                    throw new Unknown();
                }
                yield Long.remainderUnsigned(l, r);
            }
            case "<<" -> l << r;
            case ">>" -> l >>> r;
            case "&" -> l & r;
            case "|" -> l | r;
            case "==" -> l == r ? 1 : 0;
            case "!=" -> l != r ? 1 : 0;
            case "<" -> Long.compareUnsigned(l, r) < 0 ? 1 : 0;
            case "<=" -> Long.compareUnsigned(l, r) <= 0 ? 1 : 0;
            case ">" -> Long.compareUnsigned(l, r) > 0 ? 1 : 0;
            case ">=" -> Long.compareUnsigned(l, r) >= 0 ? 1 : 0;
            default -> throw new Unknown();
        };
    }

    private long function(Function f) {
        List<Long> args = new ArrayList<>();
        for (Expression a : f.getArguments()) {
            args.add(eval(a));
        }
        return switch (f.getFunction()) {
            case "ABSOLUTE" -> one(args);
            case "ALIGN" -> {
                if (args.size() != 2) {
                    throw new Unknown(); // ALIGN(align) depends on '.'
                }
                long align = args.get(1);
                yield align == 0 ? args.get(0) : (args.get(0) + align - 1) & -align;
            }
            case "MAX" -> two(args, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
            case "MIN" -> two(args, (a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
            case "LOG2CEIL" -> {
                long v = one(args);
                yield v <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(v - 1);
            }
            default -> throw new Unknown();
        };
    }

    private static long one(List<Long> args) {
        if (args.size() != 1) {
            throw new Unknown();
        }
        return args.get(0);
    }

    private static long two(List<Long> args, java.util.function.LongBinaryOperator op) {
        if (args.size() != 2) {
            throw new Unknown();
        }
        return op.applyAsLong(args.get(0), args.get(1));
    }

    /** Thrown inside the evaluator when a value is not known; never escapes it. */
    private static final class Unknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unknown() {
            super(null, null, false, false);
        }
    }
}
